import ArgumentParser

// Temporary: each command gets its own file as it is built.
