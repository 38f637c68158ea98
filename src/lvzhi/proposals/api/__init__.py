"""The proposals API beyond what the record types generate."""
