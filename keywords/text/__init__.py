"""Pure Chinese-text code for the keyword engine: no Django imports here."""
