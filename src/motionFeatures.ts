// framer-motion's animation features, loaded after the first paint (they only polish the NAT card).
export { domAnimation as default } from 'framer-motion';
