"""Quarterly reports (the figures): the form, review, lists, files, rankings and trends."""
