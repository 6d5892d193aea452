This is not a spec, just a sentence someone pasted.
