"""Accessible PDF exports of notices: rendering, storage, background builds and serving."""
