"""From files to the model: what docs/ and data/ hold, read into documents."""
