/* A shared library that is not a VISA library: it exports nothing VISA programs look for. */
int not_visa_answer(void) { return 42; }
