// libxcrypt (Debian libcrypt-dev): crypt_r for checking a basic-auth password against a bcrypt hash.
#include <crypt.h>
