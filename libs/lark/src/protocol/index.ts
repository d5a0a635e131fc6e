/** Lark webhook protocol: signature, decryption, event normalisation. */
export {};
