"""Bulk creation of annotations: many single creates, validated alike, stored together."""
