"""What pages show: page views, headers, print marks, charts."""
