// Types for seedrandom's Alea generator, imported on its own so the ARC4 default is never loaded.
declare module "seedrandom/lib/alea.js" {
  interface AleaPrng {
    (): number;
    double(): number;
    int32(): number;
    quick(): number;
  }
  function alea(seed: string): AleaPrng;
  export default alea;
}
