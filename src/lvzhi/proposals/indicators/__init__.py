"""The year's figures the proposals app declares (core.indicators): one module per subject."""
