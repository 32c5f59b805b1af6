"""Build inputs and the build script of the shipped IPTC topic model (see `build`)."""
