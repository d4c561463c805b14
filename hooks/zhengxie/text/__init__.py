"""Reading text: files and YAML within limits, Chinese numbering, values as the originals write them."""
