"""What runs a front end in a page or a kernel: widget base, progress store, bundler, HTML view."""
