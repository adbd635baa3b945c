// The @managed backend registers itself here once its library type exists.
