"""Grouping the same text and the same event across outlets. Pure code: no Django here.

Two levels, kept apart. A *reprint* is the same text, exactly after normalisation
(`fingerprint`) or nearly (`minhash`: MinHash LSH over character shingles). A *story* is
different texts on the same event (`stories`): titles and leads whose rare words agree
within a week. Reprint groups are the building blocks of stories, never the other way round.
"""
