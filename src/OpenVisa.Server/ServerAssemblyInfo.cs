// The instrument server lives in this assembly.
