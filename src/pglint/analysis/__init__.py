"""Analyses shared by the rules: resource typestate over CFGs, SQL classification."""
