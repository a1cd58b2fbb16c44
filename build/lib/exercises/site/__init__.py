"""The Sphinx side of the course: what ``jupyter-book build`` adds to the pages and the site."""
