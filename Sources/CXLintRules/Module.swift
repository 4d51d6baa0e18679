// Populated by the stage's loaders and passes.
