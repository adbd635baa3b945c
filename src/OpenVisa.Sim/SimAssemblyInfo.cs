// The @sim backend registers itself here once its library type exists.
