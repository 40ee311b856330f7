"""A notice's public history: its versions, the notice in force on a date, and what changed."""
