"""Background and reference services (PDOK and related) as versioned data."""
