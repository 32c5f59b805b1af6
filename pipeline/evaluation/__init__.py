"""Evaluation commands behind `newsbeam eval <stage>`: scores of each stage against gold data."""
