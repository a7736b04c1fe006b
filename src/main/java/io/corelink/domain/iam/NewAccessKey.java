package io.corelink.domain.iam;

/** A key just created, with its secret: the one answer that ever shows it (CreateAccessKey's). */
public record NewAccessKey(AccessKeyInfo key, String secretAccessKey) {
    @Override
    public String toString() {
        return "NewAccessKey[" + key + "]"; // never the secret
    }
}
