"""The year's figures of proposals, social-conditions reports and outcomes (core.indicators)."""
