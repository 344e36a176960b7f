export const STATIC_SECURITY_HEADERS: { key: string; value: string }[];
export const NO_CONTENT_POLICY: string;
