"""Settings of the site with some of the app's optional parts left out."""
