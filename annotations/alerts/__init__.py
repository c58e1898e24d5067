"""Alerts raised where people work: an article whose checked passages its publisher changed."""
