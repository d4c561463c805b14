"""Commands for editors: check, new, import, schemas."""
