// The Snowball reference stemmers (Debian's libstemmer-dev).
#include <libstemmer.h>
