"""What git tracks in the repository: the paths a commit brought, which nothing may trust as code or data."""
