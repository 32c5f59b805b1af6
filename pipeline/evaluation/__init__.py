"""Evaluation commands (`newsbeam eval <stage>`): each module has add_arguments and run."""
