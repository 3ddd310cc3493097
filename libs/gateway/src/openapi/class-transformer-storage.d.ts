// class-transformer ships this module's types under types/ only; the runtime file is cjs/storage.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: {
    findTypeMetadata(target: object, propertyName: string): { typeFunction?: () => unknown } | undefined;
  };
}
