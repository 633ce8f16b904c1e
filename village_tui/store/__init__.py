"""The store: SQLModel tables, the append-only ledger, the apply function and the services screens call."""
