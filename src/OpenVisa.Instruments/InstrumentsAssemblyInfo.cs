// The instrument model lives in this assembly.
