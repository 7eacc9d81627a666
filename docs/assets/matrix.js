// The /matrix/ page: choose the two axes or facets to cross (placeholder).
