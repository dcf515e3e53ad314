// The one C boundary to OpenSSL 3. Swift cannot call C macros or variadic functions, so each one
// tlscheck needs gets a static inline wrapper here, named copenssl_<what it wraps>.
#ifndef TLSCHECK_COPENSSL_SHIM_H
#define TLSCHECK_COPENSSL_SHIM_H

#include <openssl/opensslv.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ec.h>
#include <openssl/rsa.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/x509_vfy.h>
#include <openssl/pkcs12.h>
#include <openssl/ocsp.h>
#include <openssl/rand.h>
#include <openssl/core_names.h>
#include <openssl/provider.h>
#include <openssl/decoder.h>

#if OPENSSL_VERSION_MAJOR < 3
#error "tlscheck needs OpenSSL 3 (Debian: apt-get install libssl-dev)"
#endif

static inline void copenssl_free(void *p) { OPENSSL_free(p); }
static inline void *copenssl_malloc(size_t n) { return OPENSSL_malloc(n); }
static inline long copenssl_BIO_get_mem_data(BIO *b, char **pp) { return BIO_get_mem_data(b, pp); }

// Stacks
static inline int copenssl_sk_X509_num(const STACK_OF(X509) *sk) { return sk_X509_num(sk); }
static inline X509 *copenssl_sk_X509_value(const STACK_OF(X509) *sk, int i) { return sk_X509_value(sk, i); }
static inline STACK_OF(X509) *copenssl_sk_X509_new_null(void) { return sk_X509_new_null(); }
static inline int copenssl_sk_X509_push(STACK_OF(X509) *sk, X509 *x) { return sk_X509_push(sk, x); }
static inline void copenssl_sk_X509_free(STACK_OF(X509) *sk) { sk_X509_free(sk); }
static inline void copenssl_sk_X509_pop_free(STACK_OF(X509) *sk) { sk_X509_pop_free(sk, X509_free); }
static inline int copenssl_sk_GENERAL_NAME_num(const STACK_OF(GENERAL_NAME) *sk) { return sk_GENERAL_NAME_num(sk); }
static inline GENERAL_NAME *copenssl_sk_GENERAL_NAME_value(const STACK_OF(GENERAL_NAME) *sk, int i) { return sk_GENERAL_NAME_value(sk, i); }
static inline void copenssl_GENERAL_NAMES_free(STACK_OF(GENERAL_NAME) *sk) { GENERAL_NAMES_free(sk); }
static inline int copenssl_sk_X509_NAME_num(const STACK_OF(X509_NAME) *sk) { return sk_X509_NAME_num(sk); }
static inline X509_NAME *copenssl_sk_X509_NAME_value(const STACK_OF(X509_NAME) *sk, int i) { return sk_X509_NAME_value(sk, i); }
static inline int copenssl_sk_X509_INFO_num(const STACK_OF(X509_INFO) *sk) { return sk_X509_INFO_num(sk); }
static inline X509_INFO *copenssl_sk_X509_INFO_value(const STACK_OF(X509_INFO) *sk, int i) { return sk_X509_INFO_value(sk, i); }
static inline void copenssl_sk_X509_INFO_pop_free(STACK_OF(X509_INFO) *sk) { sk_X509_INFO_pop_free(sk, X509_INFO_free); }
static inline int copenssl_sk_ASN1_OBJECT_num(const STACK_OF(ASN1_OBJECT) *sk) { return sk_ASN1_OBJECT_num(sk); }
static inline ASN1_OBJECT *copenssl_sk_ASN1_OBJECT_value(const STACK_OF(ASN1_OBJECT) *sk, int i) { return sk_ASN1_OBJECT_value(sk, i); }
static inline void copenssl_EXTENDED_KEY_USAGE_free(STACK_OF(ASN1_OBJECT) *sk) { sk_ASN1_OBJECT_pop_free(sk, ASN1_OBJECT_free); }

// SSL control macros
static inline long copenssl_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int v) { return SSL_CTX_set_min_proto_version(ctx, v); }
static inline long copenssl_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int v) { return SSL_CTX_set_max_proto_version(ctx, v); }
static inline long copenssl_SSL_set_min_proto_version(SSL *s, int v) { return SSL_set_min_proto_version(s, v); }
static inline long copenssl_SSL_set_max_proto_version(SSL *s, int v) { return SSL_set_max_proto_version(s, v); }
static inline long copenssl_SSL_set_tlsext_host_name(SSL *s, const char *name) { return SSL_set_tlsext_host_name(s, name); }
static inline long copenssl_SSL_set_tlsext_status_type(SSL *s, int t) { return SSL_set_tlsext_status_type(s, t); }
static inline long copenssl_SSL_get_tlsext_status_ocsp_resp(SSL *s, const unsigned char **resp) { return SSL_get_tlsext_status_ocsp_resp(s, resp); }
static inline long copenssl_SSL_CTX_set1_groups_list(SSL_CTX *ctx, const char *list) { return SSL_CTX_set1_groups_list(ctx, list); }
static inline long copenssl_SSL_get_negotiated_group(SSL *s) { return SSL_get_negotiated_group(s); }
static inline long copenssl_SSL_get_peer_tmp_key(SSL *s, EVP_PKEY **pk) { return SSL_get_peer_tmp_key(s, pk); }
static inline uint64_t copenssl_SSL_OP_NO_TICKET(void) { return SSL_OP_NO_TICKET; }
static inline uint64_t copenssl_SSL_OP_IGNORE_UNEXPECTED_EOF(void) { return SSL_OP_IGNORE_UNEXPECTED_EOF; }
static inline uint64_t copenssl_SSL_OP_LEGACY_SERVER_CONNECT(void) { return SSL_OP_LEGACY_SERVER_CONNECT; }
static inline long copenssl_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) { return SSL_CTX_set_mode(ctx, mode); }

// Key generation without the variadic EVP_PKEY_Q_keygen
static inline EVP_PKEY *copenssl_EVP_EC_gen(const char *curve) { return EVP_EC_gen(curve); }
static inline EVP_PKEY *copenssl_EVP_RSA_gen(unsigned int bits) { return EVP_RSA_gen(bits); }
static inline EVP_PKEY *copenssl_EVP_ED25519_gen(void) { return EVP_PKEY_Q_keygen(NULL, NULL, "ED25519"); }

// X.509 layer and issuance (Sources/TLSCheckCore/X509, Issuance)
// One-line distinguished names, most specific first, UTF-8 kept: "CN=localhost, O=Example".
static inline unsigned long copenssl_name_flags_readable(void) {
    return (ASN1_STRFLGS_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) | XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_DN_REV
        | XN_FLAG_FN_SN | XN_FLAG_DUMP_UNKNOWN_FIELDS;
}
static inline void copenssl_X509V3_set_ctx_nodb(X509V3_CTX *ctx) { X509V3_set_ctx_nodb(ctx); }
static inline int copenssl_sk_GENERAL_NAME_push(STACK_OF(GENERAL_NAME) *sk, GENERAL_NAME *n) { return sk_GENERAL_NAME_push(sk, n); }
static inline STACK_OF(GENERAL_NAME) *copenssl_sk_GENERAL_NAME_new_null(void) { return sk_GENERAL_NAME_new_null(); }

// PKCS#12 bags, opened one by one so that every key derivation's cost is known before it runs
// (Sources/TLSCheckCore/Inspection/PKCS12File.swift).
static inline int copenssl_sk_PKCS7_num(const STACK_OF(PKCS7) *sk) { return sk_PKCS7_num(sk); }
static inline PKCS7 *copenssl_sk_PKCS7_value(const STACK_OF(PKCS7) *sk, int i) { return sk_PKCS7_value(sk, i); }
static inline void copenssl_sk_PKCS7_pop_free(STACK_OF(PKCS7) *sk) { sk_PKCS7_pop_free(sk, PKCS7_free); }
static inline int copenssl_sk_PKCS12_SAFEBAG_num(const STACK_OF(PKCS12_SAFEBAG) *sk) { return sk_PKCS12_SAFEBAG_num(sk); }
static inline PKCS12_SAFEBAG *copenssl_sk_PKCS12_SAFEBAG_value(const STACK_OF(PKCS12_SAFEBAG) *sk, int i) { return sk_PKCS12_SAFEBAG_value(sk, i); }
static inline void copenssl_sk_PKCS12_SAFEBAG_pop_free(STACK_OF(PKCS12_SAFEBAG) *sk) { sk_PKCS12_SAFEBAG_pop_free(sk, PKCS12_SAFEBAG_free); }
/* The algorithm of an encryptedData ContentInfo, or NULL when it is not one. */
static inline const X509_ALGOR *copenssl_PKCS7_encrypted_algorithm(const PKCS7 *p7) {
    if (OBJ_obj2nid(p7->type) != NID_pkcs7_encrypted || p7->d.encrypted == NULL || p7->d.encrypted->enc_data == NULL) return NULL;
    return p7->d.encrypted->enc_data->algorithm;
}
static inline int copenssl_PKCS7_type(const PKCS7 *p7) { return OBJ_obj2nid(p7->type); }

// Probe (Sources/TLSCheckCore/Probe): memory-BIO handshakes, the message callback, names.
static inline long copenssl_BIO_set_mem_eof_return(BIO *b, long v) { return BIO_set_mem_eof_return(b, v); }
static inline long copenssl_SSL_set_msg_callback_arg(SSL *s, void *arg) { return SSL_set_msg_callback_arg(s, arg); }
static inline long copenssl_SSL_set1_groups_list(SSL *s, const char *list) { return SSL_set1_groups_list(s, list); }
static inline long copenssl_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) { return SSL_CTX_set_session_cache_mode(ctx, mode); }
static inline long copenssl_SSL_SESS_CACHE_OFF(void) { return SSL_SESS_CACHE_OFF; }
static inline unsigned long copenssl_XN_FLAG_RFC2253(void) { return XN_FLAG_RFC2253; }

// Key decoding: EVP_PKEY_KEYPAIR is a macro over selection bits.
static inline int copenssl_EVP_PKEY_KEYPAIR(void) { return EVP_PKEY_KEYPAIR; }

#endif
