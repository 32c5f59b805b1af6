"""Parsers that turn the bytes of one input file into article records, one module per format."""
