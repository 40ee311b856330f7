"""A small site app of edge cases that the tests run against.

It is installed only in the test settings: a page type a site defines from the app's abstract
notice page, with a field of its own, its own template and its own PDF, and a site base
template that the app's pages can be told to extend.
"""
