"""Easy read versions of notices: pictures, blocks and plain-language checks."""
