"""The law as code: every legal rule and figure the system applies, each citing its article.

Pure Python with no Django import. The rest of the code asks this package; nothing else hard-codes a
legal figure. Each rule returns a Decision carrying its outcome and the reasons a procurator can read.
"""
