"""The problem catalogue and the reporter every check adds to."""
