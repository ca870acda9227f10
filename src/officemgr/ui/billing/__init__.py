"""Invoices, payments, voids and credit overrides in the window (dialogs over co.invoices,
co.payments and co.accounts)."""
