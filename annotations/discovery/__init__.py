"""How search engines and partners find the verified claims: an Atom feed and a sitemap."""
