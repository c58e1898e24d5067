"""Known claims: ClaimReview import, a hybrid lexical + embedding index, similar()."""
