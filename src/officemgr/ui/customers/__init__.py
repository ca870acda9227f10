"""The Customer:Job feature: the tree of customers and jobs and the panel beside it."""
