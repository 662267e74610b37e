"""The app's routes: the JSON API (``api``) and the HTML pages over the same queries (``pages``)."""
