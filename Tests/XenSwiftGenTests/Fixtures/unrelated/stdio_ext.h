/* Not a Xen header: the tree has none of the expected ones. */
int unrelated(void);
