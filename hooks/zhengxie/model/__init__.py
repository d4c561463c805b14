"""The corpus: documents, plan items, figures, vocabularies; site URLs and paging."""
