/** A file field that looks like the button it is (the browser's own reads as plain text: "Choose File No file chosen"). */
export const FILE_INPUT_CLASS =
  "mt-1.5 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-600 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-white hover:file:bg-brand-700";
